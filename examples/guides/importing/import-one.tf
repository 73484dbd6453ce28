# One existing retirement adopted: the import block names its ID, the resource block describes it.
# The plan shows "1 to import, 0 to add, 0 to change" and only reads the registry.
import {
  to = isometric_retirement.targets_2024
  id = "ret_1FYBH4QDT1S0SVKF"
}

resource "isometric_retirement" "targets_2024" {
  supplier_id = "spl_1CC712KFS1S0YKPS"
  credit_batch_quantities = [{
    credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
    credit_quantity_kg = provider::isometric::tonnes_to_kg("2")
  }]
  retirement_purposes = ["corporate_targets"]
  notes               = "Retired for our 2024 climate targets"
}
