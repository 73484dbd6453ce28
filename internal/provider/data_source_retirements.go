package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newRetirementsDataSource is isometric_retirements: retirements filtered by owner and/or
// beneficiary (GET /retirements).
func newRetirementsDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.Retirement]{
		Name: "retirements",
		Description: "Lists retirements (`GET /retirements`), most recent first, optionally only those of an owner and/or " +
			"on behalf of a beneficiary, with their certificate URLs. `total` adds up the retirements read.",
		Arguments: map[string]dsschema.Attribute{
			"owner_organisation_id": optionalIDArgument("organisation", "org_", "Only retirements of credits owned by this "+
				"organisation (`org_…`), for example your own."),
			"beneficiary_organisation_id": optionalIDArgument("organisation", "org_", "Only retirements on behalf of this "+
				"organisation (`org_…`)."),
		},
		Records:     "retirements",
		RecordsDesc: "The retirements, most recent first.",
		Record:      retirementAttrs,
		Flatten:     retirementValue,
		Totals:      []computedAttr{quantityTotalAttr("retired")},
		Kg:          func(r client.Retirement) int64 { return r.CreditBatchSizeTotal.CreditKgs },
		Total:       quantityTotal,
		Pages: func(r *dataSourceRead) pageFetcher[client.Retirement] {
			filters := client.RetirementListOptions{
				OwnerOrgID:       r.String("owner_organisation_id"),
				BeneficiaryOrgID: r.String("beneficiary_organisation_id"),
			}
			return func(ctx context.Context, o client.ListOptions) (*client.Page[client.Retirement], error) {
				opts := filters
				opts.ListOptions = o
				return r.Client.ListRetirements(ctx, &opts)
			}
		},
	})
}
