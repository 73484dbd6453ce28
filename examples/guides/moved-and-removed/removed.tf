# Stop managing a retirement without touching the registry: its resource block is deleted and
# replaced by this. The plan says that Terraform will no longer manage it; nothing is sent, and the
# registry keeps the retirement.
removed {
  from = isometric_retirement.q3_claims

  lifecycle {
    destroy = false
  }
}
