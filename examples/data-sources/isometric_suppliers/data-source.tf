# Every supplier of the registry (all pages are read).
data "isometric_suppliers" "all" {}

output "supplier_names" {
  value = { for s in data.isometric_suppliers.all.suppliers : s.id => s.organisation.name }
}

# Only the first 10.
data "isometric_suppliers" "first" {
  limit = 10
}
