// The call/line state machine of one line: hook, digits and flash in; tones, ringer and media out; calls through CallManager.
namespace Phone.Core.Sip.Calls
{
    using Phone.Core.DialPlan;
    using Phone.Core.Line;
    using Phone.Core.Net;

    /// <summary>
    /// Drives one line (desk handset or FXS port). Feed it <see cref="OnLineEvent"/> (the signature of the
    /// LineController's event) and call <see cref="Poll"/> by the deadline it returns; it is the
    /// <see cref="ICallListener"/> of its <see cref="CallManager"/> (create it first, then <see cref="Attach"/>).
    /// Off-hook gives dial tone; digits run the dial plan (immediate / short / long timer); a full match places
    /// "sip:NUMBER@domain". Incoming calls ring on hook and are answered by off-hook; a second call during a call
    /// plays the call-waiting tone and hook-flash switches between the two (the other one is held).
    /// Transfer: flash in a call holds it and gives dial tone for a consultation call; on-hook then transfers the held
    /// call to the consulted party (attended with Replaces when it answered, blind when it is still ringing); flash
    /// again returns to the held call. <see cref="BlindTransferKey"/> instead transfers blindly to the number dialled.
    /// </summary>
    public sealed class PhoneLine : ICallListener, ITransferListener
    {
        /// <summary>Desk-phone key (LineEvent.Key) that starts a blind transfer of the call in progress.</summary>
        public const char BlindTransferKey = 'T';

        private readonly DigitMapMatcher _matcher;
        private readonly IPhoneOutput _out;
        private readonly string _domain;
        private CallManager _calls;
        private bool _consulting;     // Other is held for a transfer; Active (if any) is the consultation call
        private bool _blind;          // the number dialled while consulting is transferred to, not called
        private Call _transferring;   // handed over by REFER, outcome pending

        /// <summary>Creates the line with a compiled dial plan and the domain used for dialled numbers.</summary>
        public PhoneLine(DigitMap dialPlan, string domain, IPhoneOutput output)
        {
            _matcher = new DigitMapMatcher(dialPlan);
            _domain = domain;
            _out = output;
        }

        /// <summary>Current state.</summary>
        public PhoneState State { get; private set; }

        /// <summary>Tone currently requested.</summary>
        public LineTone Tone { get; private set; }

        /// <summary>The call on the handset (null when none).</summary>
        public Call Active { get; private set; }

        /// <summary>A second call: ringing (call waiting) or held after a flash; null when none.</summary>
        public Call Other { get; private set; }

        /// <summary>Maps dialled numbers to a URI and next hop (the office directory); null: "sip:NUMBER@domain".</summary>
        public DialTargetResolver Resolver;

        /// <summary>Connects the call manager (built with this line as its listener).</summary>
        public void Attach(CallManager calls)
        {
            _calls = calls;
            calls.TransferListener = this;
        }

        /// <summary>Hook, flash and digit events (LineEvent.Digit / Key carry the key in <paramref name="digit"/>).</summary>
        public void OnLineEvent(LineEvent kind, char digit, long nowMs)
        {
            switch (kind)
            {
                case LineEvent.OffHook:
                    if (State == PhoneState.Ringing && Active != null)
                    {
                        _out.SetRinging(false);
                        // A held call ringing back (after a hang-up or a failed transfer) is resumed, not answered.
                        if (Active.State == CallState.Connected) Resume(Active, nowMs);
                        else _calls.Answer(Active, nowMs);
                        SetState(PhoneState.Talking, LineTone.None);
                    }
                    else if (State == PhoneState.OnHook)
                    {
                        _matcher.Start(nowMs);
                        SetState(PhoneState.DialTone, LineTone.Dial);
                    }
                    return;
                case LineEvent.OnHook:
                    if (_consulting && TransferOnHook(nowMs)) return;
                    _consulting = _blind = false;
                    if (Active != null)
                    {
                        _out.StopMedia(Active);
                        _calls.Hangup(Active, nowMs);
                        Active = null;
                    }
                    SetState(PhoneState.OnHook, LineTone.None);
                    if (Other != null)
                    {
                        // The other call comes back: ring for it (a held call is still held until answered).
                        Active = Other;
                        Other = null;
                        if (Active.State == CallState.Ringing || Active.State == CallState.Connected)
                        {
                            _out.SetRinging(true);
                            SetState(PhoneState.Ringing, LineTone.None);
                        }
                        else Active = null;
                    }
                    return;
                case LineEvent.Digit:
                case LineEvent.Key:
                    if (kind == LineEvent.Key && digit == BlindTransferKey)
                    {
                        if (CanConsult()) StartConsult(true, nowMs);
                        return;
                    }
                    if (State == PhoneState.DialTone || State == PhoneState.Dialing)
                    {
                        SetState(PhoneState.Dialing, LineTone.None);
                        Dial(_matcher.Feed(digit, nowMs), nowMs);
                    }
                    return;
                case LineEvent.Flash:
                    if (_consulting) EndConsult(nowMs);
                    else if (State == PhoneState.Talking && Other != null) Swap(nowMs);
                    else if (CanConsult()) StartConsult(false, nowMs);
                    return;
            }
        }

        /// <summary>Runs the dial-plan timers and the call layer; returns the next deadline.</summary>
        public long Poll(long nowMs)
        {
            if (State == PhoneState.Dialing) Dial(_matcher.Poll(nowMs), nowMs);
            long next = _calls.Poll(nowMs);
            if (State == PhoneState.Dialing && _matcher.Deadline < next) next = _matcher.Deadline;
            return next;
        }

        /// <inheritdoc/>
        public void OnIncomingCall(Call call, long nowMs)
        {
            if (State == PhoneState.OnHook && Active == null)
            {
                Active = call;
                _out.SetRinging(true);
                SetState(PhoneState.Ringing, LineTone.None);
            }
            else if (State == PhoneState.Talking && Other == null)
            {
                Other = call;
                _out.PlayTone(LineTone.CallWaiting);
            }
            else
            {
                _calls.Reject(call, 486, "Busy Here", nowMs);
            }
        }

        /// <inheritdoc/>
        public void OnCallState(Call call, long nowMs)
        {
            if (Active != null && call != Active && call.State == CallState.Connected
                && (call.Transfer.Origin == Active || call.Transfer.Replaced == Active))
            {
                // We were transferred (REFER) or our call was replaced (RFC 3891): the new call takes the handset.
                _out.StopMedia(Active);
                Active = call;
                if (call.Media.IsEstablished) _out.StartMedia(call);
                return;
            }
            if (call == _transferring && call.State == CallState.Terminated)
            {
                _transferring = null;
                if (State == PhoneState.Transferring) SetState(PhoneState.Finished, LineTone.None);
                return;
            }
            if (call == Other && call.State == CallState.Terminated)
            {
                Other = null;
                return;
            }
            if (call != Active) return;
            switch (call.State)
            {
                case CallState.Proceeding:
                    if (State == PhoneState.Calling && !call.Media.IsEstablished) SetState(PhoneState.Calling, LineTone.Ringback);
                    break;
                case CallState.Connected:
                    if (State == PhoneState.Calling) SetState(PhoneState.Talking, LineTone.None);
                    break;
                case CallState.Terminated:
                    _out.StopMedia(call);
                    Active = null;
                    if (State == PhoneState.Ringing)
                    {
                        // The caller gave up before we answered.
                        _out.SetRinging(false);
                        SetState(PhoneState.OnHook, LineTone.None);
                    }
                    else if (State != PhoneState.OnHook)
                    {
                        SetState(PhoneState.Finished, call.EndCode == 486 || call.EndCode == 600 ? LineTone.Busy : LineTone.Reorder);
                    }
                    break;
            }
        }

        /// <inheritdoc/>
        public void OnTransferState(Call call, long nowMs)
        {
            if (call != _transferring || call.Transfer.State != TransferState.Failed) return;
            // The transfer failed: the held call comes back to the handset, or rings back when we are on hook.
            _transferring = null;
            if (State == PhoneState.Transferring)
            {
                Active = call;
                Resume(call, nowMs);
                SetState(PhoneState.Talking, LineTone.None);
            }
            else if (State == PhoneState.OnHook && Active == null)
            {
                Active = call;
                _out.SetRinging(true);
                SetState(PhoneState.Ringing, LineTone.None);
            }
            else
            {
                _calls.Hangup(call, nowMs);
            }
        }

        /// <inheritdoc/>
        public void OnMediaChanged(Call call, long nowMs)
        {
            if (call != Active || !call.Media.IsEstablished) return;
            if (State == PhoneState.Calling && Tone == LineTone.Ringback) SetState(PhoneState.Calling, LineTone.None);   // early media replaces ringback
            _out.StartMedia(call);
        }

        /// <summary>
        /// Calls <paramref name="targetUri"/> at once (a number picked from a list, a click-to-dial): the line goes
        /// off hook if it was on hook. <paramref name="nextHop"/> empty: the usual route. False when the line is
        /// busy with a call or no call could be placed.
        /// </summary>
        public bool PlaceCall(string targetUri, NetEndPoint nextHop, long nowMs)
        {
            if (State != PhoneState.OnHook && State != PhoneState.DialTone && State != PhoneState.Dialing) return false;
            Place(targetUri, nextHop, nowMs);
            return Active != null;
        }

        /// <summary>
        /// Blind transfer of the call on the handset to <paramref name="targetUri"/> (a command, e.g. from a menu or
        /// the console): the call is held and REFERred (RFC 5589 §6); the line waits in Transferring. False when there
        /// is no connected call or the REFER could not be sent (the call then stays as it was).
        /// </summary>
        public bool BlindTransfer(string targetUri, long nowMs)
        {
            if (!CanConsult() || targetUri == null || targetUri.Length == 0) return false;
            Call call = Active;
            _out.StopMedia(call);
            _calls.SetHold(call, true, nowMs);
            if (!_calls.Transfer(call, targetUri, nowMs))
            {
                Resume(call, nowMs);
                return false;
            }
            Active = null;
            _transferring = call;
            SetState(PhoneState.Transferring, LineTone.None);
            return true;
        }

        private void Dial(DialResult r, long nowMs)
        {
            if (r == DialResult.FullMatch && _consulting && _blind)
            {
                // Blind transfer (RFC 5589 §6): the held call is REFERred to the number; no consultation call.
                Call held = Other;
                _consulting = _blind = false;
                NetEndPoint hop;
                string uri = Resolver != null ? Resolver(_matcher.Number, out hop) : null;
                if (uri == null) uri = "sip:" + _matcher.Number + "@" + _domain;
                if (held != null && uri.Length > 0 && _calls.Transfer(held, uri, nowMs))
                {
                    Other = null;
                    _transferring = held;
                    SetState(PhoneState.Transferring, LineTone.None);
                }
                else SetState(PhoneState.Finished, LineTone.Reorder);
            }
            else if (r == DialResult.FullMatch)
            {
                string number = _matcher.Number;
                NetEndPoint hop = default(NetEndPoint);
                string uri = Resolver != null ? Resolver(number, out hop) : null;
                Place(uri ?? "sip:" + number + "@" + _domain, hop, nowMs);
            }
            else if (r == DialResult.NoMatch || r == DialResult.Blocked)
            {
                SetState(PhoneState.Finished, LineTone.Reorder);
            }
        }

        private bool CanConsult() => State == PhoneState.Talking && Other == null && _transferring == null
            && Active != null && Active.State == CallState.Connected;

        private void StartConsult(bool blind, long nowMs)
        {
            Call held = Active;
            _out.StopMedia(held);
            _calls.SetHold(held, true, nowMs);
            Other = held;
            Active = null;
            _consulting = true;
            _blind = blind;
            _matcher.Start(nowMs);
            SetState(PhoneState.DialTone, LineTone.Dial);
        }

        private void EndConsult(long nowMs)
        {
            // Flash during a consultation: drop it and go back to the held call.
            if (Active != null)
            {
                _out.StopMedia(Active);
                _calls.Hangup(Active, nowMs);
            }
            Active = Other;
            Other = null;
            _consulting = _blind = false;
            if (Active == null)
            {
                SetState(PhoneState.Finished, LineTone.Reorder);
                return;
            }
            Resume(Active, nowMs);
            SetState(PhoneState.Talking, LineTone.None);
        }

        private bool TransferOnHook(long nowMs)
        {
            // Hanging up during a consultation transfers the held call to the consulted party (RFC 5589 §7 attended
            // when it answered; while it still rings, the consultation is cancelled and the held call REFERred blindly).
            Call held = Other, consult = Active;
            if (held == null || consult == null || _blind) return false;
            bool ok;
            if (consult.State == CallState.Connected) ok = _calls.TransferAttended(held, consult, nowMs);
            else if (consult.State == CallState.Calling || consult.State == CallState.Proceeding)
            {
                string target = consult.RemoteUri;
                _calls.Hangup(consult, nowMs);
                ok = _calls.Transfer(held, target, nowMs);
            }
            else return false;
            if (!ok) return false;
            _out.StopMedia(consult);
            _transferring = held;
            Active = Other = null;
            _consulting = false;
            SetState(PhoneState.OnHook, LineTone.None);
            return true;
        }

        private void Resume(Call call, long nowMs)
        {
            _calls.SetHold(call, false, nowMs);
            if (call.Media.IsEstablished) _out.StartMedia(call);
        }

        private void Place(string uri, NetEndPoint hop, long nowMs)
        {
            // An empty URI is the resolver saying "no route" (direct mode, number not in the directory).
            Active = uri.Length == 0 ? null : hop.IsEmpty ? _calls.PlaceCall(uri, nowMs) : _calls.PlaceCall(uri, hop, nowMs);
            if (Active == null) SetState(PhoneState.Finished, LineTone.Reorder);
            else SetState(PhoneState.Calling, LineTone.None);
        }

        private void Swap(long nowMs)
        {
            Call current = Active;
            Call other = Other;
            _out.PlayTone(LineTone.None);
            _out.StopMedia(current);
            _calls.SetHold(current, true, nowMs);
            if (other.State == CallState.Ringing) _calls.Answer(other, nowMs);
            else _calls.SetHold(other, false, nowMs);
            Active = other;
            Other = current;
            if (other.Media.IsEstablished) _out.StartMedia(other);
        }

        private void SetState(PhoneState next, LineTone tone)
        {
            State = next;
            if (tone != Tone)
            {
                Tone = tone;
                _out.PlayTone(tone);
            }
        }
    }
}
