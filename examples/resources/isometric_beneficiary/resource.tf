# An organisation beneficiary: name + domain.
resource "isometric_beneficiary" "acme" {
  name   = "Acme Corporation"
  domain = "acme.com"
}

# An individual beneficiary: name + email (sensitive; the registry never shows or returns it).
variable "beneficiary_email" {
  type      = string
  sensitive = true
}

resource "isometric_beneficiary" "jane" {
  name  = "Jane Doe"
  email = var.beneficiary_email
}

# Retire on behalf of the beneficiary (see isometric_retirement).
output "acme_beneficiary_id" {
  value = isometric_beneficiary.acme.id
}
