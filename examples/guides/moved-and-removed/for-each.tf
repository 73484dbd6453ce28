# Two retirements declared one by one, now kept in one map with for_each. Each moved block maps an
# old address to its key; the plan shows two moves and sends nothing.
locals {
  quarterly_claims = {
    "2025-q2" = { batch = "ctb_1CA2D3S73SBXYN70", tonnes = "4", notes = "Q2 2025 public climate claims" }
    "2025-q3" = { batch = "ctb_1DRBTYA8Q1S07CBY", tonnes = "2.5", notes = "Q3 2025 public climate claims" }
  }
}

resource "isometric_retirement" "quarterly" {
  for_each = local.quarterly_claims

  supplier_id = "spl_1CC712KFS1S0YKPS"
  credit_batch_quantities = [{
    credit_batch_id    = each.value.batch
    credit_quantity_kg = provider::isometric::tonnes_to_kg(each.value.tonnes)
  }]
  retirement_purposes = ["public_environmental_claims"]
  notes               = each.value.notes
}

moved {
  from = isometric_retirement.q2_claims
  to   = isometric_retirement.quarterly["2025-q2"]
}

moved {
  from = isometric_retirement.q3_claims
  to   = isometric_retirement.quarterly["2025-q3"]
}
