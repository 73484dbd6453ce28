package provider

// Organisations in transactions: the acting organisation (GET /organisation), defaults to it,
// and membership in the paginated /beneficiaries and /transferees lists.

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// actingOrganisationID returns the ID of the organisation the access token acts as
// (GET /organisation, read once per walk through the registry view).
func actingOrganisationID(ctx context.Context, pd *providerData, diags *diag.Diagnostics) (string, bool) {
	org, err := pd.View.actingOrganisation(ctx)
	if err != nil {
		pd.addClientError(diags, "Cannot read the acting organisation (GET /organisation)", err)
		return "", false
	}
	return org.ID, true
}

// checkActing refuses an organisation argument (the owner of a retirement, the sender of a
// transfer) that is not the acting organisation: the registry acts on the credits of the
// organisation the access token acts as only, and answers anything else with a 422 at apply.
// what says what the argument does ("retires credits of", "transfers credits from").
func checkActing(attr, id, acting, what string, diags *diag.Diagnostics) bool {
	if id == acting {
		return true
	}
	addAttributeError(diags, path.Root(attr), "Not the acting organisation",
		fmt.Sprintf("%s: the registry %s the organisation the access token acts as only, %s, not %s. Remove %s (it defaults to %s), "+
			"or configure the provider with an access token of organisation %s (a provider alias for it).",
			attr, what, acting, id, attr, acting, id))
	return false
}

// defaultOrganisation fills an optional organisation argument that defaults to another value:
// when v is null or unknown-because-unset (config null), it becomes def. Use it in ModifyPlan and
// Create, e.g. owner := defaultOrganisation(config.Owner, plan.Owner, actingOrgID).
//
// config is the configured value, planned the planned one. When the configured value is unknown
// (a reference to something not yet created), the planned value stays unknown.
func defaultOrganisation(config, planned types.String, def string) types.String {
	switch {
	case !config.IsNull():
		return config
	case def == "":
		return planned
	default:
		return types.StringValue(def)
	}
}

// organisationListed reports whether the list (every page, read once per walk) contains the
// organisation id.
func organisationListed(ctx context.Context, pd *providerData, which organisationList, id string) (bool, error) {
	orgs, err := pd.View.organisations(ctx, which)
	if err != nil {
		return false, err
	}
	for _, o := range orgs {
		if o.ID == id {
			return true, nil
		}
	}
	tflog.Debug(ctx, "Organisation not in the list", map[string]any{"list": string(which), "id": id, "listed": len(orgs)})
	return false, nil
}
