package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// newICRRetirementsDataSource is isometric_icr_retirements: every retirement certificate the ICR
// token may see (GET /v1/retirements, page by page), or those of one entity (GET /v1/{id}/retirements).
func newICRRetirementsDataSource() datasource.DataSource {
	return listDataSource(listSpec[client.ICRRetirement]{
		Name: "icr_retirements",
		Description: "Lists retirement certificates issued by the International Carbon Registry (ICR, carbonregistry.com): " +
			"all those the ICR access token may see (`GET /v1/retirements`, following ICR's page/limit pagination), " +
			"or, with `entity_id`, those of one entity (`GET /v1/{id}/retirements`). ICR's own fields, in snake_case. " + icrRequirement,
		Arguments: map[string]dsschema.Attribute{
			"entity_id": dsschema.StringAttribute{
				Optional: true,
				MarkdownDescription: "ICR ID of an entity (for example an organisation, " +
					"`62ffdcad-bd0d-42f7-b8ff-28785a929ed0`): list only its retirements. Default: every retirement.",
				Validators: []validator.String{stringCheck(checkICRID)},
			},
		},
		Records:     "retirements",
		RecordsDesc: "The ICR retirements, in the ICR's order.",
		Record:      icrRetirementAttrs,
		Flatten:     icrRetirementValue,
		Pages: func(r *dataSourceRead) pageFetcher[client.ICRRetirement] {
			icr := r.pd.icrClient(r.Diags)
			if icr == nil {
				return nil
			}
			return icrRetirementPages(icr, r.String("entity_id"))
		},
	})
}

// icrRetirementPages adapts the ICR's retirement lists to the Relay-style pageFetcher of the list
// machinery: a cursor is the number of the next ICR page, the page size (First) is ICR's `limit`.
// An entity's list is not paginated by the ICR: it is one page.
func icrRetirementPages(icr *client.ICRClient, entityID string) pageFetcher[client.ICRRetirement] {
	if entityID != "" {
		return func(ctx context.Context, _ client.ListOptions) (*client.Page[client.ICRRetirement], error) {
			list, err := icr.ListEntityRetirements(ctx, entityID)
			if err != nil {
				return nil, icrListError{icr: icr, err: err}
			}
			return &client.Page[client.ICRRetirement]{Nodes: list, TotalCount: int64(len(list))}, nil
		}
	}
	return func(ctx context.Context, o client.ListOptions) (*client.Page[client.ICRRetirement], error) {
		page := 1
		if o.After != "" {
			n, err := strconv.Atoi(o.After)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("internal error: bad ICR page cursor %q", o.After)
			}
			page = n
		}
		res, err := icr.ListRetirements(ctx, client.ICRListOptions{Limit: o.First, Page: page})
		if err != nil {
			return nil, icrListError{icr: icr, err: err}
		}
		p := res.Pagination
		next := strconv.Itoa(p.NextPage)
		return &client.Page[client.ICRRetirement]{
			Nodes:      res.Retirements,
			TotalCount: p.Total,
			PageInfo: client.PageInfo{
				// Another page exists when the ICR names one after this page, within its page count.
				HasNextPage: len(res.Retirements) > 0 && p.NextPage > page && (p.PageCount == 0 || p.NextPage <= p.PageCount),
				EndCursor:   &next,
			},
		}, nil
	}
}

// icrListError is an ICR client error seen through the list machinery, which reports errors with
// the Isometric Registry's wording: it names the ICR endpoint instead and hides the sentinel errors
// (whose advice is about the Isometric Registry) while keeping the ICR client's own explanation.
type icrListError struct {
	icr *client.ICRClient
	err error
}

func (e icrListError) Error() string {
	return fmt.Sprintf("%s\n\nThe provider is connected to the ICR API at %s (icr block endpoint / %s; access token: icr block access_token / %s).",
		e.err, e.icr.BaseURL(), envICREndpoint, envICRAccessToken)
}
