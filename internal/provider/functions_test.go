package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// Provider-defined functions need Terraform 1.8 or later; they need no provider configuration,
// so these tests run without a registry.

func functionTestCase(steps ...resource.TestStep) resource.TestCase {
	return resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	}
}

func TestAccFunctionTonnesToKg(t *testing.T) {
	unitTest(t, functionTestCase(
		resource.TestStep{
			Config: `
output "fractional" { value = provider::isometric::tonnes_to_kg("12.5") }
output "one_kg"     { value = provider::isometric::tonnes_to_kg("0.001") }
output "whole"      { value = provider::isometric::tonnes_to_kg("1000") }
output "large"      { value = provider::isometric::tonnes_to_kg("9223372036854775.807") }
output "round_trip" { value = provider::isometric::kg_to_tonnes(provider::isometric::tonnes_to_kg("4294967.296")) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("fractional", knownvalue.Int64Exact(12500)),
				statecheck.ExpectKnownOutputValue("one_kg", knownvalue.Int64Exact(1)),
				statecheck.ExpectKnownOutputValue("whole", knownvalue.Int64Exact(1000000)),
				statecheck.ExpectKnownOutputValue("large", knownvalue.Int64Exact(9223372036854775807)),
				statecheck.ExpectKnownOutputValue("round_trip", knownvalue.StringExact("4294967.296")),
			},
		},
	))
}

func TestAccFunctionTonnesToKgErrors(t *testing.T) {
	cases := map[string]string{
		`"-1"`:      `"-1" is negative`,
		`""`:        `the tonnes value is empty`,
		`"1e3"`:     `"1e3" uses exponent notation`,
		`"12.5001"`: `"12.5001" has 4 decimals`,
		`"twelve"`:  `"twelve" is not a decimal number of tonnes`,
	}
	var steps []resource.TestStep
	for arg, want := range cases {
		steps = append(steps, resource.TestStep{
			Config:      `output "kg" { value = provider::isometric::tonnes_to_kg(` + arg + `) }`,
			ExpectError: errorText("tonnes_to_kg: " + want),
		})
	}
	unitTest(t, functionTestCase(steps...))
}

func TestAccFunctionKgToTonnes(t *testing.T) {
	unitTest(t, functionTestCase(
		resource.TestStep{
			Config: `
output "fractional" { value = provider::isometric::kg_to_tonnes(12500) }
output "whole"      { value = provider::isometric::kg_to_tonnes(12000) }
output "one_kg"     { value = provider::isometric::kg_to_tonnes(1) }
output "zero"       { value = provider::isometric::kg_to_tonnes(0) }
output "large"      { value = provider::isometric::kg_to_tonnes(9223372036854775807) }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("fractional", knownvalue.StringExact("12.5")),
				statecheck.ExpectKnownOutputValue("whole", knownvalue.StringExact("12")),
				statecheck.ExpectKnownOutputValue("one_kg", knownvalue.StringExact("0.001")),
				statecheck.ExpectKnownOutputValue("zero", knownvalue.StringExact("0")),
				statecheck.ExpectKnownOutputValue("large", knownvalue.StringExact("9223372036854775.807")),
			},
		},
		resource.TestStep{
			Config:      `output "t" { value = provider::isometric::kg_to_tonnes(-5) }`,
			ExpectError: errorText("kg_to_tonnes: -5 is negative"),
		},
		resource.TestStep{
			Config:      `output "t" { value = provider::isometric::kg_to_tonnes(12.5) }`,
			ExpectError: errorText("kg_to_tonnes: 12.5 is not a whole number of kilograms"),
		},
		resource.TestStep{
			Config:      `output "t" { value = provider::isometric::kg_to_tonnes(9223372036854775808) }`,
			ExpectError: errorText("kg_to_tonnes: 9223372036854775808 is too large"),
		},
	))
}
