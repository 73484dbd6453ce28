# The block was called isometric_retirement.q3_claims; it is now claims_2025_q3. The moved block
# tells Terraform that it is the same retirement: the plan shows the move and sends nothing.
resource "isometric_retirement" "claims_2025_q3" {
  supplier_id = "spl_1CC712KFS1S0YKPS"
  credit_batch_quantities = [{
    credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
    credit_quantity_kg = provider::isometric::tonnes_to_kg("2.5")
  }]
  retirement_purposes = ["public_environmental_claims"]
  notes               = "Q3 2025 public climate claims"
}

moved {
  from = isometric_retirement.q3_claims
  to   = isometric_retirement.claims_2025_q3
}
