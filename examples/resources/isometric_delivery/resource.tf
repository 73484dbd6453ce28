# Run as the supplier: the provider's access token acts as the supplier's organisation.
# Deliver 20 t against a buyer's open order, from two of the supplier's batches.
resource "isometric_delivery" "tranche_2" {
  order_id = "ord_1FAN3S3WV1S0B842"
  notes    = "Second tranche of the 2026 offtake"

  credit_batch_quantities = [
    {
      credit_batch_id    = "ctb_1DRBTYA8Q1S07CBY"
      credit_quantity_kg = provider::isometric::tonnes_to_kg("15")
    },
    {
      credit_batch_id    = "ctb_1CA2D3S73SBXYN70"
      credit_quantity_kg = provider::isometric::tonnes_to_kg("5")
    },
  ]
}

output "delivery_url" {
  value = isometric_delivery.tranche_2.url
}
