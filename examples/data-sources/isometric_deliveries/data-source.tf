# Every delivery received by an organisation.
data "isometric_deliveries" "received" {
  to_organisation_id = "org_1GB56M1ST1S0GVNA"
}

# The deliveries of one order (GET /orders/{id}/deliveries).
data "isometric_deliveries" "of_order" {
  order_id = "ord_1FAN3S3WV1S0B842"
}

output "delivered_on_order_kg" {
  value = data.isometric_deliveries.of_order.total.kg
}
