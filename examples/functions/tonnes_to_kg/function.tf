# 12.5 tonnes (credits) -> 12500 kg, exactly. Pass the tonnes as a string.
output "kg" {
  value = provider::isometric::tonnes_to_kg("12.5") # 12500
}

# Typical use: write a quantity in tonnes where the registry wants kilograms.
resource "isometric_transfer" "example" {
  to_organisation_id = "org_1GB56M1ST1S0GVNA"
  supplier_id        = "spl_1CC712KFS1S0YKPS"
  credit_batch_quantities = [{
    credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
    credit_quantity_kg = provider::isometric::tonnes_to_kg("2.75") # 2750
  }]
}
