# One retirement by ID, with its certificate URL and the retired credit batches.
data "isometric_retirement" "example" {
  id = "ret_1FYBH4QDT1S0SVKF"
}

output "certificate_url" {
  value = data.isometric_retirement.example.url
}

output "retired_serial_numbers" {
  value = [for b in data.isometric_retirement.example.credit_batches : b.serial_number]
}
