package localregistry

import (
	"slices"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
)

// Clone returns a deep copy of the seed: no record, slice or pointer is shared with s (a test walks
// every field to keep it so).
func (s *Seed) Clone() *Seed {
	c := *s
	c.Tokens = cloneAll(s.Tokens, func(x SeedToken) SeedToken { return x })
	c.Organisations = cloneAll(s.Organisations, func(x SeedOrganisation) SeedOrganisation {
		x.Domain, x.Email = clonePtr(x.Domain), clonePtr(x.Email)
		x.Beneficiaries, x.Transferees = slices.Clone(x.Beneficiaries), slices.Clone(x.Transferees)
		return x
	})
	c.Suppliers = cloneAll(s.Suppliers, func(x SeedSupplier) SeedSupplier {
		x.ShortDescription, x.LongDescription, x.Location = clonePtr(x.ShortDescription), clonePtr(x.LongDescription), cloneLocation(x.Location)
		return x
	})
	c.Projects = cloneAll(s.Projects, func(x SeedProject) SeedProject {
		x.ValidatorName, x.CurrentVerifierName = clonePtr(x.ValidatorName), clonePtr(x.CurrentVerifierName)
		x.CreditingPeriodStart, x.CreditingPeriodEnd = clonePtr(x.CreditingPeriodStart), clonePtr(x.CreditingPeriodEnd)
		x.Location = cloneLocation(x.Location)
		return x
	})
	c.ProjectDocuments = cloneAll(s.ProjectDocuments, func(x SeedProjectDocument) SeedProjectDocument { return x })
	c.Issuances = cloneAll(s.Issuances, func(x SeedIssuance) SeedIssuance { return x })
	c.CreditBatches = cloneAll(s.CreditBatches, func(x SeedCreditBatch) SeedCreditBatch { return *x.clone() })
	c.Orders = cloneAll(s.Orders, func(x SeedOrder) SeedOrder {
		x.FulfilledAt = clonePtr(x.FulfilledAt)
		return x
	})
	c.Deliveries = cloneAll(s.Deliveries, func(x SeedDelivery) SeedDelivery {
		x.Notes, x.CreditBatchIDs = clonePtr(x.Notes), slices.Clone(x.CreditBatchIDs)
		return x
	})
	c.Retirements = cloneAll(s.Retirements, func(x SeedRetirement) SeedRetirement {
		x.Purposes, x.Notes, x.CreditBatchIDs = slices.Clone(x.Purposes), clonePtr(x.Notes), slices.Clone(x.CreditBatchIDs)
		return x
	})
	c.Transfers = cloneAll(s.Transfers, func(x SeedTransfer) SeedTransfer {
		x.Notes, x.CreditBatchIDs = clonePtr(x.Notes), slices.Clone(x.CreditBatchIDs)
		return x
	})
	c.Refunds = cloneAll(s.Refunds, func(x SeedRefund) SeedRefund {
		x.CreditBatchIDs = slices.Clone(x.CreditBatchIDs)
		return x
	})
	c.StripeConfigurations = cloneAll(s.StripeConfigurations, func(x SeedStripeConfiguration) SeedStripeConfiguration {
		x.CreditProductPricePerTonne, x.VerificationProductPricePerTonne = clonePtr(x.CreditProductPricePerTonne), clonePtr(x.VerificationProductPricePerTonne)
		x.Currency = clonePtr(x.Currency)
		return x
	})
	if s.ICR != nil {
		c.ICR = &SeedICR{Token: s.ICR.Token, Retirements: cloneAll(s.ICR.Retirements, func(x SeedICRRetirement) SeedICRRetirement { return x })}
	}
	return &c
}

// clone is a deep copy of a credit batch.
func (b *SeedCreditBatch) clone() *SeedCreditBatch {
	x := *b
	x.key = nil
	x.CarbonRemovalData = clonePtr(x.CarbonRemovalData)
	x.ParentID, x.LeftChildID, x.RightChildID = clonePtr(x.ParentID), clonePtr(x.LeftChildID), clonePtr(x.RightChildID)
	x.DeliveryID, x.RetirementID = clonePtr(x.DeliveryID), clonePtr(x.RetirementID)
	return &x
}

// cloneAll copies a list of records with deep (which deep-copies what one record points to); a
// nil record stays nil, a nil list stays nil. The copies share one allocation.
func cloneAll[T any](items []*T, deep func(T) T) []*T {
	if items == nil {
		return nil
	}
	out := make([]*T, len(items))
	vals := make([]T, len(items))
	for i, x := range items {
		if x != nil {
			vals[i] = deep(*x)
			out[i] = &vals[i]
		}
	}
	return out
}

// clonePtr copies the value p points to (nil stays nil).
func clonePtr[T string | time.Time | client.CarbonRemovalData](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func cloneLocation(l *client.Location) *client.Location {
	if l == nil {
		return nil
	}
	v := *l
	v.Description = clonePtr(v.Description)
	return &v
}
