# The balance of the organisation the access token acts as.
data "isometric_credit_balance" "mine" {}

output "active_tonnes" {
  value = data.isometric_credit_balance.mine.total.active.tonnes
}

# Active kg per supplier: what you hold of each. (Write the quantities of transactions in the
# configuration rather than computing them from a balance, which changes with every apply.)
output "active_kg_by_supplier" {
  value = {
    for b in data.isometric_credit_balance.mine.supplier_balances : b.supplier_id => b.active.kg
  }
}
