using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShipSec.Runtime.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "run_edges",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    edge_id = table.Column<string>(type: "TEXT", nullable: false),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false)
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
                    run_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false)
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
            migrationBuilder.Sql("""
                INSERT INTO run_nodes (run_id, node_id, json)
                SELECT r.id, n.key, n.value FROM runs AS r, json_each(r.state_json, '$.nodes') AS n;
                """);
            migrationBuilder.Sql("""
                INSERT INTO run_edges (run_id, edge_id, resolution)
                SELECT r.id, e.key, e.value FROM runs AS r, json_each(r.state_json, '$.edges') AS e
                WHERE e.value <> 'unresolved';
                """);
            migrationBuilder.Sql("UPDATE runs SET state_json = json_remove(state_json, '$.nodes', '$.edges');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Put nodes and edges back into state_json (every edge of the definition, unresolved unless it has a row).
            migrationBuilder.Sql("""
                UPDATE runs SET state_json = json_set(state_json,
                    '$.nodes', json((SELECT json_group_object(n.node_id, json(n.json)) FROM run_nodes AS n WHERE n.run_id = runs.id)),
                    '$.edges', json((SELECT json_group_object(json_extract(e.value, '$.id'), coalesce(x.resolution, 'unresolved'))
                        FROM json_each(runs.definition_json, '$.edges') AS e
                        LEFT JOIN run_edges AS x ON x.run_id = runs.id AND x.edge_id = json_extract(e.value, '$.id'))));
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
