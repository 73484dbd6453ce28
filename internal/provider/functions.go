package provider

import "github.com/hashicorp/terraform-plugin-framework/function"

// functions lists the provider's functions. Add yours here (one line each).
func functions() []func() function.Function {
	return []func() function.Function{
		newTonnesToKgFunction,
		newKgToTonnesFunction,
	}
}
