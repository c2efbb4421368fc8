using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ShipSec.Runtime.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DurableExecution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "node_executions",
                columns: table => new
                {
                    run_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    node_id = table.Column<string>(type: "TEXT", nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    worker = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    claimed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    lease_expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    heartbeat_at = table.Column<long>(type: "INTEGER", nullable: true),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    result_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    result_json = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_node_executions", x => new { x.run_id, x.node_id, x.attempt });
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_node_executions_status_lease_expires_at",
                table: "node_executions",
                columns: new[] { "status", "lease_expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "node_executions");

            migrationBuilder.DropTable(
                name: "outbox_messages");
        }
    }
}
