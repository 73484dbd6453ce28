package provider

import "github.com/hashicorp/terraform-plugin-framework/resource"

// resources lists the provider's resources. Add yours here (one line each).
func resources() []func() resource.Resource {
	return []func() resource.Resource{
		newBeneficiaryResource,
		newRetirementResource,
		newTransferResource,
		newDeliveryResource,
	}
}
