# One transfer by ID, with the credit batches it moved.
data "isometric_transfer" "example" {
  id = "tfr_1FJGWSY271S0QSMR"
}

output "transfer_recipient" {
  value = data.isometric_transfer.example.to_organisation.name
}
