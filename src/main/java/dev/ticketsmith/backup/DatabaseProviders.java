package dev.ticketsmith.backup;

import dev.ticketsmith.catalog.DatabaseSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.EnumMap;
import java.util.Map;

/** The provider a catalogue database names. */
@ApplicationScoped
public class DatabaseProviders {

    private final Map<DatabaseSpec.Provider, DatabaseProvider> providers = new EnumMap<>(DatabaseSpec.Provider.class);

    DatabaseProviders(Instance<DatabaseProvider> all) {
        all.forEach(p -> providers.put(p.kind(), p));
    }

    public DatabaseProvider of(DatabaseSpec db) {
        DatabaseProvider provider = providers.get(db.provider());
        if (provider == null) {
            throw new IllegalStateException("no provider for " + db.provider());
        }
        return provider;
    }
}
