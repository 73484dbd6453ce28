# One order by ID: how much was ordered, delivered, and is still to deliver.
data "isometric_order" "example" {
  id = "ord_1FAN3S3WV1S0B842"
}

output "order_remaining_tonnes" {
  value = data.isometric_order.example.credits_remaining.tonnes
}
