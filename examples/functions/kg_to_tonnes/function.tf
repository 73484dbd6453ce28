# 12500 kg -> "12.5" tonnes (credits), exactly, as a string without trailing zeros.
output "tonnes" {
  value = provider::isometric::kg_to_tonnes(12500) # "12.5"
}

output "whole_tonnes" {
  value = provider::isometric::kg_to_tonnes(12000) # "12"
}
