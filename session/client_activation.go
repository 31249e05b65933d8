package session

import "context"

// DescribeDeviceAuth implements Service.
func (c *Client) DescribeDeviceAuth(ctx context.Context, token, userCode string) (PendingDeviceAuth, error) {
	var p PendingDeviceAuth
	err := c.call(ctx, "POST", "/device/describe", token, ApproveRequest{userCode}, &p)
	return p, err
}

// DenyDeviceAuth implements Service.
func (c *Client) DenyDeviceAuth(ctx context.Context, token, userCode string) error {
	return c.acknowledge(ctx, "POST", "/device/deny", token, ApproveRequest{userCode}, "denied")
}
