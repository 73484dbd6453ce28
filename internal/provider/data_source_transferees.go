package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newTransfereesDataSource is isometric_transferees: the organisations the authenticated
// organisation may transfer credits to (GET /transferees).
func newTransfereesDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Organisation]{
		Name: "transferees",
		Description: "Lists the organisations the organisation of the access token may transfer active credits to " +
			"(`GET /transferees`): the valid `to_organisation_id` values of an `isometric_transfer`.",
		Records:     "transferees",
		RecordsDesc: "The transferees, in the registry's order.",
		Record:      organisationAttrs,
		Flatten:     func(o client.Organisation) types.Object { return organisationValue(&o) },
		Pages: func(r *dataSourceRead) pageFetcher[client.Organisation] {
			return pages(r.Client.ListTransferees)
		},
	})
}
