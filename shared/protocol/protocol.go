// Package protocol defines the hall's websocket messages (SPEC section 4):
// the envelope, the command and event names, their payloads and the error
// codes. It uses the standard library and the domain types of package queue.
package protocol

import (
	"encoding/json"

	"hallq/shared/queue"
)

// MaxMessageBytes is the largest frame a client may send.
const MaxMessageBytes = 8192

// MaxIDLength is the longest command id a client may choose.
const MaxIDLength = 64

// Message is one JSON object in one text frame, in either direction.
type Message struct {
	Type  string          `json:"type"`
	ID    *string         `json:"id,omitempty"`
	Seq   uint64          `json:"seq,omitempty"`
	At    *queue.Stamp    `json:"at,omitempty"`
	OK    *bool           `json:"ok,omitempty"`
	Data  json.RawMessage `json:"data,omitempty"`
	Error *Error          `json:"error,omitempty"`
}

// Error is a failed reply's error.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Reply is the server's answer to one command.
type Reply struct {
	Type  string `json:"type"` // always "reply"
	ID    string `json:"id"`
	OK    bool   `json:"ok"`
	Data  any    `json:"data,omitempty"`
	Error *Error `json:"error,omitempty"`
}

// Event is a numbered event of the day.
type Event struct {
	Type string      `json:"type"`
	Seq  uint64      `json:"seq"`
	At   queue.Stamp `json:"at"`
	Data any         `json:"data"`
}

// Command is a client's message, as sent.
type Command struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Data any    `json:"data,omitempty"`
}

// Message types.
const (
	TypeReply = "reply"

	CmdHello       = "hello"
	CmdPing        = "ping"
	CmdIssueTicket = "issue_ticket"
	// CmdCheckIn issues the ticket of an appointment booked on /hen, from
	// its booking code (CheckIn); added, not in the SPEC.
	CmdCheckIn = "check_in"
	CmdRate    = "rate"
	// CmdRateDetails adds reasons and a comment to a stored rating (and may
	// change its level), once, within the rating window (SPEC 3).
	CmdRateDetails = "rate_details"
	CmdFeedback    = "feedback"
	CmdClerkLogin  = "clerk_login"
	CmdClerkLogout = "clerk_logout"
	// CmdChangePIN sets the signed-in clerk's new PIN (ChangePIN); a clerk
	// signed in with a one-time PIN must send it before serving (README).
	CmdChangePIN  = "change_pin"
	CmdCallNext   = "call_next"
	CmdCallTicket = "call_ticket"
	CmdRecall     = "recall"
	CmdHold       = "hold"
	CmdNoShow     = "no_show"
	CmdFinish     = "finish"
	// CmdSetFileCodes sets the file codes (mã hồ sơ) of the ticket being
	// served at the sender's counter (FileCodes); finish may carry them too.
	CmdSetFileCodes = "set_file_codes"
	CmdTransfer     = "transfer"
	CmdPause        = "pause"
	CmdResume       = "resume"
	// CmdDeviceStatus reports the health of a device's printer or sound;
	// the server keeps the latest in memory for staff (README).
	CmdDeviceStatus = "device_status"

	EvTicketIssued      = queue.EvTicketIssued
	EvTicketCalled      = queue.EvTicketCalled
	EvTicketFinished    = queue.EvTicketFinished
	EvTicketNoShow      = queue.EvTicketNoShow
	EvTicketTransferred = queue.EvTicketTransferred
	EvTicketHeld        = queue.EvTicketHeld
	EvTicketExpired     = queue.EvTicketExpired
	EvTicketRated       = queue.EvTicketRated
	EvRatingChanged     = queue.EvRatingChanged
	EvCounterUpdated    = queue.EvCounterUpdated
	// EvTicketFileCodes carries the ticket (TicketEvent) whose file codes
	// the clerk set.
	EvTicketFileCodes = queue.EvTicketFileCodes
	EvDayStarted      = queue.EvDayStarted
	// EvHallUpdated carries the hall, services and counters after an
	// admin's change (HallUpdatedEvent); clients replace those parts of
	// their state.
	EvHallUpdated = queue.EvHallUpdated
)

// Roles of devices and connections.
const (
	RoleKiosk      = "kiosk"
	RoleCounter    = "counter"
	RoleDisplay    = "display"
	RoleSupervisor = "supervisor"
)

// CommandRoles lists, for each command, the roles that may send it. Hello
// and ping are open to every role.
var CommandRoles = map[string][]string{
	CmdHello:        {RoleKiosk, RoleCounter, RoleDisplay, RoleSupervisor, RoleCitizen},
	CmdPing:         {RoleKiosk, RoleCounter, RoleDisplay, RoleSupervisor, RoleCitizen},
	CmdIssueTicket:  {RoleKiosk},
	CmdCheckIn:      {RoleKiosk},
	CmdRate:         {RoleKiosk},
	CmdRateDetails:  {RoleKiosk},
	CmdFeedback:     {RoleKiosk},
	CmdClerkLogin:   {RoleCounter},
	CmdClerkLogout:  {RoleCounter},
	CmdChangePIN:    {RoleCounter},
	CmdCallNext:     {RoleCounter},
	CmdCallTicket:   {RoleCounter},
	CmdRecall:       {RoleCounter},
	CmdHold:         {RoleCounter},
	CmdNoShow:       {RoleCounter},
	CmdFinish:       {RoleCounter},
	CmdSetFileCodes: {RoleCounter},
	CmdTransfer:     {RoleCounter},
	CmdPause:        {RoleCounter},
	CmdResume:       {RoleCounter},
	CmdDeviceStatus: {RoleKiosk, RoleDisplay},

	CmdCitizenRate:     {RoleCitizen},
	CmdCitizenFeedback: {RoleCitizen},
}

// Allowed reports whether role may send command typ.
func Allowed(typ, role string) bool {
	for _, r := range CommandRoles[typ] {
		if r == role {
			return true
		}
	}
	return false
}
