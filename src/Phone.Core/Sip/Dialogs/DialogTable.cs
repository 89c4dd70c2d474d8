// Table of dialogs (RFC 3261 §12) with a fixed number of slots; a dialog object exists only while a slot is in use.
namespace Phone.Core.Sip.Dialogs
{
    /// <summary>
    /// A fixed number of dialog slots; the table never grows past it. A slot's <see cref="Dialog"/> is built when it is
    /// allocated and let go when it is released: a connected call holds one dialog, the extra slots (forks of an
    /// outgoing INVITE, a second call) cost nothing until used.
    /// </summary>
    public sealed class DialogTable
    {
        private readonly Dialog[] _slots;

        /// <summary>Creates <paramref name="capacity"/> slots.</summary>
        public DialogTable(int capacity)
        {
            _slots = new Dialog[capacity];
        }

        /// <summary>Number of slots.</summary>
        public int Capacity => _slots.Length;

        /// <summary>Slot n: its dialog, or null when the slot is not in use.</summary>
        public Dialog Get(int n) => _slots[n];

        /// <summary>A free slot (reset, state still Free until initialised), or null when the table is full.</summary>
        public Dialog Allocate(object owner)
        {
            int empty = -1;
            for (int i = 0; i < _slots.Length; i++)
            {
                Dialog d = _slots[i];
                if (d == null)
                {
                    if (empty < 0) empty = i;
                    continue;
                }
                if (d.State == DialogState.Free && d.Owner == null)
                {
                    d.Reset();
                    d.Owner = owner;
                    return d;
                }
            }
            if (empty < 0) return null;
            Dialog n = new Dialog();
            n.Owner = owner;
            _slots[empty] = n;
            return n;
        }

        /// <summary>Returns a slot to the table (the dialog is reset and let go).</summary>
        public void Release(Dialog dialog)
        {
            if (dialog == null) return;
            dialog.Reset();
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i] == dialog) _slots[i] = null;
            }
        }

        /// <summary>The dialog a message belongs to (RFC 3261 §12.2), or null.</summary>
        public Dialog Find(SipMessage message)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                Dialog d = _slots[i];
                if (d != null && d.State != DialogState.Free && d.Matches(message)) return d;
            }
            return null;
        }

        /// <summary>Dialogs in use.</summary>
        public int ActiveCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _slots.Length; i++) if (_slots[i] != null && _slots[i].State != DialogState.Free) n++;
                return n;
            }
        }
    }
}
