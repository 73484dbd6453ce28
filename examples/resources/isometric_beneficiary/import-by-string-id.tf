# Bring an existing beneficiary under Terraform. With a matching configuration the
# plan shows only the import, no change.
import {
  to = isometric_beneficiary.acme
  id = "org_1GB56M1ST1S0GVNA"
}

resource "isometric_beneficiary" "acme" {
  name   = "Acme Corporation"
  domain = "acme.com"
}
