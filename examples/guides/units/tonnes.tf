# Quantities are whole kilograms; write them in tonnes (credits) with tonnes_to_kg.
resource "isometric_retirement" "annual_claims" {
  supplier_id = "spl_1CC712KFS1S0YKPS"
  credit_batch_quantities = [
    {
      credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
      credit_quantity_kg = provider::isometric::tonnes_to_kg("10") # 10000
    },
    {
      credit_batch_id    = "ctb_1CA2D3S73SBXYN70"
      credit_quantity_kg = provider::isometric::tonnes_to_kg("2.5") # 2500
    },
  ]
  retirement_purposes = ["corporate_targets"]
  notes               = "2025 corporate climate targets: 12.5 t"
}

# The total is credit_quantity_kg; kg_to_tonnes writes kg as an exact decimal string of tonnes.
output "retired" {
  value = {
    kg     = isometric_retirement.annual_claims.credit_quantity_kg                                    # 12500
    tonnes = provider::isometric::kg_to_tonnes(isometric_retirement.annual_claims.credit_quantity_kg) # "12.5"
  }
}
