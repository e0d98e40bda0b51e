package com.camelicloud.photos.runtime;

import com.camelicloud.photos.destination.Destination;
import com.camelicloud.photos.destination.S3Destination;
import com.camelicloud.photos.layout.PhotoLayout;
import com.camelicloud.photos.metadata.MetadataOptions;
import com.camelicloud.photos.state.SyncStateRepository;
import com.camelicloud.photos.sync.AlbumFolders;
import com.camelicloud.photos.sync.ChangeFeeds;
import com.camelicloud.photos.sync.ContentPolicy;
import com.camelicloud.photos.sync.ExistingFiles;
import com.camelicloud.photos.sync.FileChanges;
import com.camelicloud.photos.sync.FilePlanner;
import com.camelicloud.photos.sync.FilePolicies;
import com.camelicloud.photos.sync.MetadataStep;
import com.camelicloud.photos.sync.SyncReport;
import com.camelicloud.photos.verify.Verifier;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The beans of the shipped routes that take many collaborators and settings, made here rather than in
 * routes/beans.yaml so that the compiler checks each constructor call (a YAML list of positional arguments is checked
 * only when it runs). The YAML beans are made first, so none of those may take one of these; these are bound lazily,
 * made on their first lookup (a bean that must exist before anyone looks it up, as a listener, stays in YAML). The
 * beans each takes are named, as are the settings of config/application.properties it reads.
 *
 * <p>The command line adds it to camel-main's configurations (beside any a user names in
 * {@code camel.main.configuration-classes}); {@link PackagedRoutes} (Karaf) applies it itself; a camel-main of one's
 * own that runs the shipped routes adds it too ({@code main.configure().addConfiguration(new SyncBeans())}).
 */
public class SyncBeans implements CamelConfiguration {

    /**
     * The S3 destination's client ({@link S3Client}), which the aws2-s3 uploads (routes/changes.yaml, publish) use too:
     * looked up by the first upload, so only an S3 destination has one. Bound as an Object, found by its name only:
     * the aws2-s3 component looks up an S3Client by type when it starts, for every destination. The destination closes
     * it (a lazy bean with a destroy method would be made at the stop just to be destroyed).
     */
    @BindToRegistry(value = "s3Client", lazy = true)
    public Object s3Client(@BeanInject("destination") Destination destination) {
        if (destination instanceof S3Destination s3) {
            return s3.client();
        }
        throw new IllegalStateException("only an S3 destination has an S3 client, not " + destination.describe());
    }

    /** {@code metadata.*}: what is written into the files, and beside them. */
    @BindToRegistry(value = "metadataOptions", lazy = true)
    public MetadataOptions metadataOptions(@PropertyInject("metadata.set-exif-datetime") boolean exifDateTime,
                                           @PropertyInject("metadata.set-exif-rating") boolean exifRating,
                                           @PropertyInject("metadata.set-exif-gps") boolean exifGps,
                                           @PropertyInject("metadata.set-exif-description") boolean exifDescription,
                                           @PropertyInject("metadata.embed-xmp") boolean embedXmp,
                                           @PropertyInject("metadata.xmp-sidecar") boolean xmpSidecar) {
        return new MetadataOptions(exifDateTime, exifRating, exifGps, exifDescription, embedXmp, xmpSidecar);
    }

    /** The change feed {@code icloud-photos:…?operation=listChanges} answers with (the component's changeFeedFactory). */
    @BindToRegistry(value = "changeFeeds", lazy = true)
    public ChangeFeeds changeFeeds(@BeanInject("syncState") SyncStateRepository state,
                                   @BeanInject("contentPolicy") ContentPolicy content,
                                   @BeanInject("photoLayout") PhotoLayout layout,
                                   @BeanInject("destination") Destination destination,
                                   @BeanInject("syncReport") SyncReport report,
                                   @BeanInject("metadataOptions") MetadataOptions metadata) {
        return new ChangeFeeds(state, content, layout, destination, report, metadata);
    }

    /** import-existing: finds the files icloudpd, kei or a lost state left at the destination. */
    @BindToRegistry(value = "existingFiles", lazy = true)
    public ExistingFiles existingFiles(@PropertyInject("sync.import-existing") boolean importing,
                                       @BeanInject("fileChanges") FileChanges fileChanges,
                                       @BeanInject("destination") Destination destination,
                                       @BeanInject("syncState") SyncStateRepository state,
                                       @BeanInject("photoLayout") PhotoLayout layout) {
        return new ExistingFiles(importing, fileChanges, destination, state, layout);
    }

    /** Which files each change needs, and where they go; with import-existing, which are there already. */
    @BindToRegistry(value = "filePlanner", lazy = true)
    public FilePlanner filePlanner(@BeanInject("syncState") SyncStateRepository state,
                                   @BeanInject("contentPolicy") ContentPolicy content,
                                   @BeanInject("photoLayout") PhotoLayout layout,
                                   @BeanInject("destination") Destination destination,
                                   @BeanInject("existingFiles") ExistingFiles existingFiles) {
        FilePlanner planner = new FilePlanner(state, content, layout, destination);
        planner.setExistingFiles(existingFiles);
        return planner;
    }

    /** {album} layouts: a photo's links (or copies) in its other albums' folders ({@code layout.album-link}). */
    @BindToRegistry(value = "albumFolders", lazy = true)
    public AlbumFolders albumFolders(@BeanInject("syncState") SyncStateRepository state,
                                     @BeanInject("destination") Destination destination,
                                     @BeanInject("fileChanges") FileChanges fileChanges,
                                     @BeanInject("photoLayout") PhotoLayout layout,
                                     @PropertyInject("layout.album-link") String albumLink) {
        return new AlbumFolders(state, destination, fileChanges, layout, albumLink);
    }

    /** What {@code policy.on-delete}, {@code on-hidden} and {@code on-purge} do to stored files; layout moves. */
    @BindToRegistry(value = "filePolicies", lazy = true)
    public FilePolicies filePolicies(@BeanInject("syncState") SyncStateRepository state,
                                     @BeanInject("destination") Destination destination,
                                     @BeanInject("fileChanges") FileChanges fileChanges,
                                     @BeanInject("photoLayout") PhotoLayout layout,
                                     @BeanInject("albumFolders") AlbumFolders albumFolders,
                                     @PropertyInject("policy.on-delete") String onDelete,
                                     @PropertyInject("policy.purge-after-days") int purgeAfterDays) {
        FilePolicies policies = new FilePolicies(state, destination, fileChanges, layout, albumFolders);
        policies.setOnDelete(onDelete);
        policies.setPurgeAfterDays(purgeAfterDays);
        return policies;
    }

    /** EXIF and XMP into downloads, metadata kept in step in stored files, sidecars ({@code metadata.*}). */
    @BindToRegistry(value = "metadataStep", lazy = true)
    public MetadataStep metadataStep(@BeanInject("metadataOptions") MetadataOptions options,
                                     @BeanInject("destination") Destination destination,
                                     @PropertyInject("download.temp-directory") String tempDirectory,
                                     @PropertyInject("download.temp-suffix") String tempSuffix,
                                     @BeanInject("syncState") SyncStateRepository state,
                                     @PropertyInject("policy.on-hidden") String onHidden) {
        return new MetadataStep(options, destination, tempDirectory, tempSuffix, state, onHidden);
    }

    /** The check of the destination against its state (routes/verify.yaml). */
    @BindToRegistry(value = "verifier", lazy = true)
    public Verifier verifier(@BeanInject("syncState") SyncStateRepository state,
                             @BeanInject("destination") Destination destination,
                             @PropertyInject("download.temp-directory") String tempDirectory,
                             @PropertyInject("download.temp-suffix") String tempSuffix,
                             @PropertyInject("policy.on-hidden") String onHidden) {
        return new Verifier(state, destination, tempDirectory, tempSuffix, onHidden);
    }
}
