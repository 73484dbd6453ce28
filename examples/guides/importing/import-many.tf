# Past retirements adopted together, each written out from its record (IDs and values are
# literals: see find-ids.tf). Either mode describes an imported retirement; oldest first needs only
# the total.
locals {
  past_retirements = {
    targets_2024 = {
      id       = "ret_1FYBH4QDT1S0SVKF"
      supplier = "spl_1CC712KFS1S0YKPS"
      tonnes   = "2"
      purposes = ["corporate_targets"]
      notes    = "Retired for our 2024 climate targets"
    }
    claims_2025_h1 = {
      id       = "ret_1E5BH6AG21S0SKTW"
      supplier = "spl_1GB56M1ST1S0GVNA"
      tonnes   = "1"
      purposes = ["public_environmental_claims"]
      notes    = null
    }
  }
}

import {
  for_each = local.past_retirements
  to       = isometric_retirement.past[each.key]
  id       = each.value.id
}

resource "isometric_retirement" "past" {
  for_each = local.past_retirements

  supplier_id         = each.value.supplier
  credit_quantity_kg  = provider::isometric::tonnes_to_kg(each.value.tonnes)
  retirement_purposes = each.value.purposes
  notes               = each.value.notes
}
