# Every active batch of one supplier owned by the authenticated organisation, oldest first.
data "isometric_credit_batches" "active" {
  supplier_id    = "spl_1CC712KFS1S0YKPS"
  statuses       = ["active"]
  sort_direction = "asc"
}

output "active_kg" {
  value = data.isometric_credit_batches.active.total_kg
}

output "oldest_batch" {
  value = try(data.isometric_credit_batches.active.credit_batches[0].id, null)
}

# The batches of one retirement (including split parents) whose credits were issued in 2025.
data "isometric_credit_batches" "retired" {
  retirement_id = "ret_1FYBH4QDT1S0SVKF"
  statuses      = ["retired", "split"]
  issued_after  = "2025-01-01T00:00:00Z"
  issued_before = "2026-01-01T00:00:00Z"
}
