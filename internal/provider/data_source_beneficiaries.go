package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newBeneficiariesDataSource is isometric_beneficiaries: the organisations the authenticated
// organisation may retire on behalf of (GET /beneficiaries).
func newBeneficiariesDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Organisation]{
		Name: "beneficiaries",
		Description: "Lists the organisations the organisation of the access token may retire credits on behalf of " +
			"(`GET /beneficiaries`): the valid `beneficiary_organisation_id` values of an `isometric_retirement` besides your own organisation.",
		Records:     "beneficiaries",
		RecordsDesc: "The beneficiaries, in the registry's order.",
		Record:      organisationAttrs,
		Flatten:     func(o client.Organisation) types.Object { return organisationValue(&o) },
		Pages: func(r *dataSourceRead) pageFetcher[client.Organisation] {
			return pages(r.Client.ListBeneficiaries)
		},
	})
}
