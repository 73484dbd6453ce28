package client

import (
	"context"
	"net/url"
)

// ListProjects lists projects (GET /projects). opts may be nil.
func (c *Client) ListProjects(ctx context.Context, opts *ListOptions) (*Page[Project], error) {
	var out Page[Project]
	if err := c.get(ctx, "/projects", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetProject returns a project by ID (GET /projects/{id}). A null answer is ErrNotFound.
func (c *Client) GetProject(ctx context.Context, id string) (*Project, error) {
	if err := requireID("project", id); err != nil {
		return nil, err
	}
	var out Project
	if err := c.getNullable(ctx, "/projects/"+url.PathEscape(id), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListProjectDocuments lists a project's documents (GET /projects/{id}/documents). opts may be nil.
func (c *Client) ListProjectDocuments(ctx context.Context, id string, opts *ListOptions) (*Page[ProjectDocument], error) {
	if err := requireID("project", id); err != nil {
		return nil, err
	}
	var out Page[ProjectDocument]
	if err := c.get(ctx, "/projects/"+url.PathEscape(id)+"/documents", opts, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
