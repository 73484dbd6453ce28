# The orders placed by the organisation the access token acts as.
data "isometric_orders" "mine" {}

# The orders placed with a supplier (as that supplier), at most 20 of them.
data "isometric_orders" "of_supplier" {
  supplier_id = "spl_1GB56M1ST1S0GVNA"
  limit       = 20
}

output "open_orders" {
  value = [for o in data.isometric_orders.mine.orders : o.id if o.status != "completed"]
}
