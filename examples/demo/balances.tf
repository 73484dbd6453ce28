# Balances part of the demo: what the demo buyer holds after this apply's own transactions
# (depends_on), and the active batches a retirement takes credits from.

data "isometric_credit_balance" "buyer" {
  # Read after this configuration's own transactions, so that a second apply shows no changes.
  depends_on = [isometric_retirement.for_beneficiary, isometric_retirement.oldest_2025, isometric_transfer.to_partner, isometric_beneficiary.demo]
}

data "isometric_suppliers" "all" {}

# Every active batch of the buyer, oldest first: the order an oldest-first retirement uses.
data "isometric_credit_batches" "active" {
  # Read after this configuration's own transactions, so that a second apply shows no changes.
  depends_on     = [isometric_retirement.for_beneficiary, isometric_retirement.oldest_2025, isometric_transfer.to_partner, isometric_beneficiary.demo]
  statuses       = ["active"]
  sort_direction = "asc"
}

locals {
  supplier_names = { for s in data.isometric_suppliers.all.suppliers : s.id => s.organisation.name }
}

output "balance_total" {
  description = "The buyer's active and retired credits, in tonnes."
  value       = "${data.isometric_credit_balance.buyer.total.active.tonnes} t active, ${data.isometric_credit_balance.buyer.total.retired.tonnes} t retired"
}

output "balance_by_supplier" {
  description = "The buyer's credits per supplier (name: active / retired, in tonnes)."
  value = {
    for b in data.isometric_credit_balance.buyer.supplier_balances :
    lookup(local.supplier_names, b.supplier_id, b.supplier_id) => "${b.active.tonnes} t active, ${b.retired.tonnes} t retired"
  }
}

output "active_batches_by_supplier" {
  description = "The buyer's active batches per supplier, oldest first: where the demo's retirements take credits from."
  value = {
    for b in data.isometric_credit_batches.active.credit_batches :
    lookup(local.supplier_names, b.supplier_id, b.supplier_id) => "${b.id} (${b.serial_number}): ${b.size.kg} kg, vintage ${substr(b.sequestered_on, 0, 4)}"...
  }
}

output "active_total_tonnes" {
  description = "Sum of the buyer's active batches, in tonnes (equals the active balance)."
  value       = data.isometric_credit_batches.active.total_tonnes
}
