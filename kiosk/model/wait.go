package model

import "hallq/shared/protocol"

// NoOpenCounterText is the wait shown when no open counter serves the
// ticket's service.
const NoOpenCounterText = "Chưa có quầy mở cho lĩnh vực này"

// replyWait is the wait written on screen and paper for reply r.
func replyWait(r protocol.IssueReply) string {
	if r.NoOpenCounter {
		return NoOpenCounterText
	}
	return WaitText(r.EstimatedWaitS, r.Ahead)
}
