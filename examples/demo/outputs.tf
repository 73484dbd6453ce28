output "organisation" {
  description = "The organisation the demo acts as."
  value       = data.isometric_organisation.me
}
