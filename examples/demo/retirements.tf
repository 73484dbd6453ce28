# Retirement part of the demo (runs as the demo buyer against the local registry). A retirement is
# permanent: `terraform destroy` only forgets these in the state, the registry keeps them.

# By batch: retire 2 t of the buyer's 12.5 t supplier-A batch on behalf of the beneficiary created in
# beneficiary_transfer.tf. The registry splits the batch: the 2 t become a new, retired batch (see
# credit_batches) and the buyer keeps the remaining 10.5 t. The beneficiary's ID is only known after
# it is created, so the registry checks of this retirement run at apply, right before the request.
resource "isometric_retirement" "for_beneficiary" {
  supplier_id = "spl_1DEMOSUPPLIERA01" # localregistry.DemoSupplierAID
  credit_batch_quantities = [{
    credit_batch_id    = "ctb_1DEMOBATCHA1B002" # localregistry.DemoBatchA1Buyer2 (12 500 kg)
    credit_quantity_kg = provider::isometric::tonnes_to_kg("2")
  }]
  beneficiary_organisation_id = isometric_beneficiary.demo.id
  retirement_purposes         = ["public_environmental_claims"]
  notes                       = "Demo retirement on behalf of the Demo Climate Fund"
}

# Oldest first: retire 1.25 t from the buyer's oldest active supplier-A credits of vintage 2025 (all
# from batch DemoBatchA2Buyer1, 10 000 kg); owner and beneficiary default to the buyer itself.
resource "isometric_retirement" "oldest_2025" {
  supplier_id         = "spl_1DEMOSUPPLIERA01" # localregistry.DemoSupplierAID
  credit_quantity_kg  = 1250
  vintage             = 2025
  retirement_purposes = ["corporate_targets"]
  notes               = "Demo retirement of our oldest 2025 credits"
}

output "retirement_certificates" {
  description = "Certificate URLs of the demo retirements."
  value = {
    for_beneficiary = isometric_retirement.for_beneficiary.url
    oldest_2025     = isometric_retirement.oldest_2025.url
  }
}

output "retired_batches" {
  description = "The batches each demo retirement retired (for the partial one: the part split off the batch)."
  value = {
    for_beneficiary = [for b in isometric_retirement.for_beneficiary.credit_batches : "${b.id} (${b.serial_number}): ${b.kg} kg"]
    oldest_2025     = [for b in isometric_retirement.oldest_2025.credit_batches : "${b.id} (${b.serial_number}): ${b.kg} kg"]
  }
}
