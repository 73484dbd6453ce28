# The supplier the provider's access token acts as (for a supplier organisation).
data "isometric_supplier" "me" {}

# Any supplier by its ID.
data "isometric_supplier" "vault" {
  id = "spl_1CC712KFS1S0YKPS"
}

output "supplier_organisation" {
  value = data.isometric_supplier.vault.organisation.name
}
