package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// newCreditBalanceDataSource is isometric_credit_balance: an organisation's active and retired
// credits, in total and per supplier, project and order (GET /organisations/{id}/credit_balance).
func newCreditBalanceDataSource() datasource.DataSource {
	return newDataSource(dataSourceSpec{
		Name: "credit_balance",
		Description: "Reads the credit balance of an organisation (`GET /organisations/{id}/credit_balance`): its active and " +
			"retired credits in total and per supplier, project and order, each in kg and in tonnes (1 credit = 1 tonne = 1000 kg).",
		Arguments: map[string]dsschema.Attribute{
			"organisation_id": organisationIDArgument("credit balance"),
		},
		Results: organisationCreditBalanceAttrs,
		Read: func(r *dataSourceRead) map[string]attr.Value {
			orgID := r.OrganisationID("organisation_id")
			if orgID == "" {
				return nil
			}
			b, err := r.Client.GetOrganisationCreditBalance(r.Ctx, orgID)
			if err != nil {
				r.ClientError(fmt.Sprintf("Cannot read the credit balance of organisation %q", orgID), err)
				return nil
			}
			return organisationCreditBalanceValues(*b)
		},
	})
}
