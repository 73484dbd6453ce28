# The quantity is decided when the change is written and reviewed, not computed from a balance.
resource "isometric_retirement" "targets_2025" {
  supplier_id         = "spl_1CC712KFS1S0YKPS"
  credit_quantity_kg  = provider::isometric::tonnes_to_kg("2.975")
  retirement_purposes = ["corporate_targets"]
  notes               = "2025 corporate climate targets"
}

# Reporting from live data is fine: an output that changes does not change a transaction.
data "isometric_credit_balance" "mine" {
  depends_on = [isometric_retirement.targets_2025]
}

output "active_tonnes_after_the_retirement" {
  value = data.isometric_credit_balance.mine.total.active.tonnes
}
