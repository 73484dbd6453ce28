# Bring an existing retirement under Terraform. With a configuration describing it,
# the plan shows only the import, no change and no request that retires anything. For a partial
# retirement you may name the batch you retired from: the registry records its left child, and the
# provider accepts the parent batch with the same kg as the same retirement.
import {
  to = isometric_retirement.q3_claims
  id = "ret_1FYBH4QDT1S0SVKF"
}

resource "isometric_retirement" "q3_claims" {
  supplier_id = "spl_1CC712KFS1S0YKPS"
  credit_batch_quantities = [
    { credit_batch_id = "ctb_1DRBTYA8Q1S07CBY", credit_quantity_kg = 2500 },
  ]
  retirement_purposes         = ["public_environmental_claims"]
  beneficiary_organisation_id = "org_1CP8EQDNQSBXTMR2"
  notes                       = "Q3 2025 public climate claims"
}
