package provider

import "github.com/hashicorp/terraform-plugin-framework/list"

// listResources lists the provider's list resources (terraform query), one per resource whose
// records can be adopted. Add yours here (one line each).
func listResources() []func() list.ListResource {
	return []func() list.ListResource{
		newBeneficiaryListResource,
		newRetirementListResource,
		newTransferListResource,
		newDeliveryListResource,
	}
}
