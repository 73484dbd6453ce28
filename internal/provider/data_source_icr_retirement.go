package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// newICRRetirementDataSource is isometric_icr_retirement: one retirement certificate of the
// International Carbon Registry (GET /v1/retirements/{id} of the ICR API).
func newICRRetirementDataSource() datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name: "icr_retirement",
		Description: "Reads one retirement certificate issued by the International Carbon Registry (ICR, carbonregistry.com) " +
			"by its ID (`GET /v1/retirements/{id}` of the ICR API), with ICR's own fields in snake_case. " + icrRequirement,
		Arguments: map[string]dsschema.Attribute{
			"id": dsschema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ICR ID of the retirement (a UUID such as `123e4567-e89b-12d3-a456-426614174000`).",
				Validators:          []validator.String{stringCheck(checkICRID)},
			},
		},
		Results: icrRetirementAttrs,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			icr := r.pd.icrClient(r.Diags)
			if icr == nil {
				return nil
			}
			id := r.String("id")
			ret, err := icr.GetRetirement(r.Ctx, id)
			if err != nil {
				r.pd.addICRError(r.Diags, fmt.Sprintf("Cannot read ICR retirement %q", id), err)
				return nil
			}
			return icrRetirementValues(*ret)
		},
	})
}
