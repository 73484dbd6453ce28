# One buffer pool refund by ID, with the refunded credit batches.
data "isometric_refund" "example" {
  id = "bpr_1E5BH6AG21S0SKTW"
}

output "refunded_kg" {
  value = data.isometric_refund.example.credit_batch_size_total.kg
}
