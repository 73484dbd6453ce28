# One delivery by ID, with the credit batches it delivered.
data "isometric_delivery" "example" {
  id = "dlv_1C454ZXA61S03Z9T"
}

output "delivered_batches" {
  value = [for b in data.isometric_delivery.example.credit_batches : "${b.id}: ${b.size.kg} kg"]
}
