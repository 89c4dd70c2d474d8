// Fixed table of dialogs (RFC 3261 §12), sized at start-up.
namespace Phone.Core.Sip.Dialogs
{
    /// <summary>A fixed number of dialog slots; allocation never grows.</summary>
    public sealed class DialogTable
    {
        private readonly Dialog[] _slots;

        /// <summary>Creates <paramref name="capacity"/> slots.</summary>
        public DialogTable(int capacity)
        {
            _slots = new Dialog[capacity];
            for (int i = 0; i < capacity; i++) _slots[i] = new Dialog();
        }

        /// <summary>Number of slots.</summary>
        public int Capacity => _slots.Length;

        /// <summary>Slot n.</summary>
        public Dialog Get(int n) => _slots[n];

        /// <summary>A free slot (reset, state still Free until initialised), or null when the table is full.</summary>
        public Dialog Allocate(object owner)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State == DialogState.Free && _slots[i].Owner == null)
                {
                    _slots[i].Reset();
                    _slots[i].Owner = owner;
                    return _slots[i];
                }
            }
            return null;
        }

        /// <summary>Returns a slot to the table.</summary>
        public void Release(Dialog dialog)
        {
            if (dialog != null) dialog.Reset();
        }

        /// <summary>The dialog a message belongs to (RFC 3261 §12.2), or null.</summary>
        public Dialog Find(SipMessage message)
        {
            for (int i = 0; i < _slots.Length; i++)
            {
                if (_slots[i].State != DialogState.Free && _slots[i].Matches(message)) return _slots[i];
            }
            return null;
        }

        /// <summary>Dialogs in use.</summary>
        public int ActiveCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _slots.Length; i++) if (_slots[i].State != DialogState.Free) n++;
                return n;
            }
        }
    }
}
