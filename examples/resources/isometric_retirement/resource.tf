# By batch: retire 2.5 t of one credit batch on behalf of a beneficiary. The batch holds more, so the
# registry splits it: the retired 2.5 t become a new batch (recorded in credit_batches), the rest
# stays active with you.
resource "isometric_retirement" "q3_claims" {
  supplier_id = "spl_1CC712KFS1S0YKPS"
  credit_batch_quantities = [
    {
      credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
      credit_quantity_kg = provider::isometric::tonnes_to_kg("2.5")
    },
  ]
  retirement_purposes         = ["public_environmental_claims"]
  beneficiary_organisation_id = "org_1CP8EQDNQSBXTMR2" # one of your beneficiaries (or leave unset: yourself)
  notes                       = "Q3 2025 public climate claims"
}

# Oldest first: retire 5 t from your oldest active credits of a supplier, only of vintage 2024.
# The plan checks the two retirements together: the 5 t come from credits older than the batch
# above, so neither can take what the other needs, whatever order Terraform runs them in. (Had
# they been able to meet, the plan would have refused them: depends_on does not reach the provider.)
resource "isometric_retirement" "targets_2024" {
  supplier_id         = "spl_1CC712KFS1S0YKPS"
  credit_quantity_kg  = provider::isometric::tonnes_to_kg("5")
  vintage             = 2024
  retirement_purposes = ["corporate_targets"]
  notes               = "2024 corporate climate targets"
}

# The certificate of each retirement.
output "certificates" {
  value = {
    q3_claims    = isometric_retirement.q3_claims.url
    targets_2024 = isometric_retirement.targets_2024.url
  }
}
