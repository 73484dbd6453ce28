# The balance of the organisation the access token acts as.
data "isometric_credit_balance" "mine" {}

output "active_tonnes" {
  value = data.isometric_credit_balance.mine.total.active.tonnes
}

# Active kg per supplier, e.g. to size a retirement.
output "active_kg_by_supplier" {
  value = {
    for b in data.isometric_credit_balance.mine.supplier_balances : b.supplier_id => b.active.kg
  }
}
