# One ICR retirement certificate by ID (needs the provider's icr block or ISOMETRIC_ICR_ACCESS_TOKEN).
data "isometric_icr_retirement" "example" {
  id = "123e4567-e89b-12d3-a456-426614174000"
}

output "icr_certificate" {
  value = {
    serialization = data.isometric_icr_retirement.example.serialization
    amount        = data.isometric_icr_retirement.example.amount
    project       = data.isometric_icr_retirement.example.project.full_name
  }
}
