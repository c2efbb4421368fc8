using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShipSec.Runtime.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunNodeRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "revision",
                table: "runs",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "run_edges",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    edge_id = table.Column<string>(type: "text", nullable: false),
                    resolution = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_edges", x => new { x.run_id, x.edge_id });
                    table.ForeignKey(
                        name: "FK_run_edges_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "run_nodes",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    node_id = table.Column<string>(type: "text", nullable: false),
                    json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_nodes", x => new { x.run_id, x.node_id });
                    table.ForeignKey(
                        name: "FK_run_nodes_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Runs stored before this migration hold their nodes and edges inside state_json: move them to their rows.
            // json (not jsonb) keeps every value's text and the order of the remaining keys as they were written.
            migrationBuilder.Sql("""
                INSERT INTO run_nodes (run_id, node_id, json)
                SELECT r.id, n.key, n.value::text FROM runs AS r, json_each(r.state_json::json -> 'nodes') AS n;
                """);
            migrationBuilder.Sql("""
                INSERT INTO run_edges (run_id, edge_id, resolution)
                SELECT r.id, e.key, e.value FROM runs AS r, json_each_text(r.state_json::json -> 'edges') AS e
                WHERE e.value <> 'unresolved';
                """);
            migrationBuilder.Sql("""
                UPDATE runs SET state_json = coalesce(
                    (SELECT json_object_agg(p.key, p.value ORDER BY p.ordinality)::text
                     FROM json_each(runs.state_json::json) WITH ORDINALITY AS p
                     WHERE p.key NOT IN ('nodes', 'edges')),
                    '{}');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Put nodes and edges back into state_json (every edge of the definition, unresolved unless it has a row).
            migrationBuilder.Sql("""
                UPDATE runs SET state_json = (
                    SELECT json_object_agg(parts.key, parts.value ORDER BY parts.position)::text FROM (
                        SELECT p.key, p.value, p.ordinality AS position FROM json_each(runs.state_json::json) WITH ORDINALITY AS p
                        UNION ALL
                        SELECT 'nodes', coalesce((SELECT json_object_agg(n.node_id, n.json::json) FROM run_nodes AS n WHERE n.run_id = runs.id), '{}'::json), 1000000
                        UNION ALL
                        SELECT 'edges', coalesce((SELECT json_object_agg(e.value ->> 'id', coalesce(x.resolution, 'unresolved'))
                            FROM json_array_elements(runs.definition_json::json -> 'edges') AS e
                            LEFT JOIN run_edges AS x ON x.run_id = runs.id AND x.edge_id = e.value ->> 'id'), '{}'::json), 1000001
                    ) AS parts);
                """);

            migrationBuilder.DropTable(
                name: "run_edges");

            migrationBuilder.DropTable(
                name: "run_nodes");

            migrationBuilder.DropColumn(
                name: "revision",
                table: "runs");
        }
    }
}
