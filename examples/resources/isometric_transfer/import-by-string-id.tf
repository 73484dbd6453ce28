# Bring an existing transfer under Terraform. With a configuration that describes
# it (the original batches and kg; the registry records the split-off part, which is accepted as the
# same batch) the plan shows only the import, no change.
import {
  to = isometric_transfer.to_partner
  id = "tfr_1FJGWSY271S0QSMR"
}

resource "isometric_transfer" "to_partner" {
  to_organisation_id = "org_1CP8EQDNQSBXTMR2"
  supplier_id        = "spl_1CC712KFS1S0YKPS"
  credit_batch_quantities = [{
    credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
    credit_quantity_kg = 12500
  }]
}
