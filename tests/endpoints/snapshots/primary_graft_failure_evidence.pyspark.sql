WITH `t40` AS (
  SELECT
    `t39`.`patient_id`,
    `t39`.`cutoff`
  FROM (
    SELECT
      `t38`.`patient_id`,
      CASE
        WHEN `t38`.`graft_source` = 'bm'
        THEN 30
        WHEN `t38`.`graft_source` = 'pbsc'
        THEN 30
        WHEN `t38`.`graft_source` = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END AS `cutoff`,
      `t38`.`modality`
    FROM (
      SELECT
        `t37`.`patient_id`,
        `t37`.`arm`,
        `t37`.`modality`,
        `t37`.`graft_source`,
        `t37`.`second_infusion_day`,
        `t37`.`treatment_start_day`,
        `t37`.`weight_kg`,
        `t37`.`randomisation_day`,
        `t37`.`death_day`,
        `t37`.`death_cause`,
        `t37`.`censor_day`,
        `t37`.`relapse_recorded_day`,
        `t37`.`last_lab_day`
      FROM (
        SELECT
          `t36`.`patient_id`,
          `t36`.`arm`,
          `t36`.`modality`,
          `t36`.`graft_source`,
          `t36`.`second_infusion_day`,
          `t36`.`treatment_start_day`,
          `t36`.`weight_kg`,
          `t36`.`randomisation_day`,
          `t36`.`death_day`,
          `t36`.`death_cause`,
          `t36`.`censor_day`,
          `t36`.`relapse_recorded_day`,
          `t13`.`patient_id` AS `patient_id_right`,
          `t13`.`last_lab_day`
        FROM (
          SELECT
            `t34`.`patient_id`,
            `t34`.`arm`,
            `t34`.`modality`,
            `t34`.`graft_source`,
            `t34`.`second_infusion_day`,
            `t34`.`treatment_start_day`,
            `t34`.`weight_kg`,
            `t34`.`randomisation_day`,
            `t34`.`death_day`,
            `t34`.`death_cause`,
            `t34`.`censor_day`,
            `t34`.`relapse_recorded_day`
          FROM (
            SELECT
              `t31`.`patient_id`,
              `t31`.`arm`,
              `t31`.`modality`,
              `t31`.`graft_source`,
              `t31`.`second_infusion_day`,
              `t31`.`treatment_start_day`,
              `t31`.`weight_kg`,
              `t31`.`randomisation_day`,
              `t31`.`death_day`,
              `t31`.`death_cause`,
              `t31`.`censor_day`,
              `t21`.`patient_id` AS `patient_id_right`,
              `t21`.`relapse_recorded_day`
            FROM (
              SELECT
                `t28`.`patient_id`,
                `t28`.`arm`,
                `t28`.`modality`,
                `t28`.`graft_source`,
                `t28`.`second_infusion_day`,
                `t28`.`treatment_start_day`,
                `t28`.`weight_kg`,
                `t28`.`randomisation_day`,
                `t28`.`death_day`,
                `t28`.`death_cause`,
                `t28`.`censor_day`
              FROM (
                SELECT
                  `t24`.`patient_id`,
                  `t24`.`arm`,
                  `t24`.`modality`,
                  `t24`.`graft_source`,
                  `t24`.`second_infusion_day`,
                  `t24`.`treatment_start_day`,
                  `t24`.`weight_kg`,
                  `t24`.`randomisation_day`,
                  `t18`.`patient_id` AS `patient_id_right`,
                  `t18`.`death_day`,
                  `t18`.`death_cause`,
                  `t18`.`censor_day`
                FROM (
                  SELECT
                    `t22`.`patient_id`,
                    `t22`.`arm`,
                    `t22`.`modality`,
                    `t22`.`graft_source`,
                    `t22`.`second_infusion_day`,
                    `t22`.`treatment_start_day`,
                    `t22`.`weight_kg`,
                    `t22`.`randomisation_day`
                  FROM (
                    SELECT
                      `t14`.`patient_id`,
                      `t14`.`arm`,
                      `t14`.`modality`,
                      `t14`.`graft_source`,
                      `t14`.`second_infusion_day`,
                      `t14`.`treatment_start_day`,
                      `t15`.`patient_id` AS `patient_id_right`,
                      `t15`.`weight_kg`,
                      `t15`.`randomisation_day`
                    FROM (
                      SELECT
                        `t4`.`patient_id`,
                        COALESCE(`t4`.`arm`, `t4`.`modality`) AS `arm`,
                        `t4`.`modality`,
                        `t4`.`graft_source`,
                        CAST(`t4`.`second_infusion_day` AS BIGINT) AS `second_infusion_day`,
                        CAST(`t4`.`treatment_start_day` AS BIGINT) AS `treatment_start_day`
                      FROM `treatments` AS `t4`
                    ) AS `t14`
                    LEFT OUTER JOIN (
                      SELECT
                        `t5`.`patient_id`,
                        `t5`.`weight_kg`,
                        CAST(`t5`.`randomisation_day` AS BIGINT) AS `randomisation_day`
                      FROM `patients` AS `t5`
                    ) AS `t15`
                      ON `t14`.`patient_id` = `t15`.`patient_id`
                  ) AS `t22`
                ) AS `t24`
                LEFT OUTER JOIN (
                  SELECT
                    `t3`.`patient_id`,
                    IF(
                      `t3`.`vital_status` = 'dead',
                      COALESCE(`t3`.`death_day`, `t3`.`last_contact_day`),
                      CAST(NULL AS BIGINT)
                    ) AS `death_day`,
                    IF(`t3`.`vital_status` = 'dead', `t3`.`cause`, CAST(NULL AS STRING)) AS `death_cause`,
                    GREATEST(
                      `t3`.`last_contact_day`,
                      COALESCE(
                        IF(
                          `t3`.`vital_status` = 'dead',
                          COALESCE(`t3`.`death_day`, `t3`.`last_contact_day`),
                          CAST(NULL AS BIGINT)
                        ),
                        `t3`.`last_contact_day`
                      )
                    ) AS `censor_day`
                  FROM `followup` AS `t3`
                ) AS `t18`
                  ON `t24`.`patient_id` = `t18`.`patient_id`
              ) AS `t28`
            ) AS `t31`
            LEFT OUTER JOIN (
              SELECT
                `t10`.`patient_id`,
                CAST(MIN(`t10`.`day`) AS BIGINT) AS `relapse_recorded_day`
              FROM (
                SELECT
                  *
                FROM `disease_assessments` AS `t2`
                WHERE
                  `t2`.`status` IN ('relapse', 'progression') AND `t2`.`day` > 0
              ) AS `t10`
              GROUP BY
                1
            ) AS `t21`
              ON `t31`.`patient_id` = `t21`.`patient_id`
          ) AS `t34`
        ) AS `t36`
        LEFT OUTER JOIN (
          SELECT
            `t1`.`patient_id`,
            MAX(`t1`.`day`) AS `last_lab_day`
          FROM `labs` AS `t1`
          GROUP BY
            1
        ) AS `t13`
          ON `t36`.`patient_id` = `t13`.`patient_id`
      ) AS `t37`
    ) AS `t38`
  ) AS `t39`
  WHERE
    `t39`.`cutoff` IS NOT NULL AND `t39`.`modality` IN ('allo_hsct', 'auto_hsct')
)
SELECT
  `t56`.`patient_id`,
  `t56`.`cutoff`,
  COALESCE(`t56`.`anc_low_near`, FALSE) AS `anc_low_near`,
  COALESCE(`t56`.`platelets_low_near`, FALSE) AS `platelets_low_near`,
  COALESCE(`t56`.`platelets_seen_near`, FALSE) AS `platelets_seen_near`
FROM (
  SELECT
    `t55`.`patient_id`,
    `t55`.`cutoff`,
    `t55`.`anc_low_near`,
    `t55`.`platelets_low_near`,
    `t55`.`platelets_seen_near`
  FROM (
    SELECT
      `t54`.`patient_id`,
      `t54`.`cutoff`,
      `t54`.`anc_low_near`,
      `t50`.`patient_id` AS `patient_id_right`,
      `t50`.`platelets_low_near`,
      `t50`.`platelets_seen_near`
    FROM (
      SELECT
        `t52`.`patient_id`,
        `t52`.`cutoff`,
        `t52`.`anc_low_near`
      FROM (
        SELECT
          `t42`.`patient_id`,
          `t42`.`cutoff`,
          `t51`.`patient_id` AS `patient_id_right`,
          `t51`.`anc_low_near`
        FROM `t40` AS `t42`
        LEFT OUTER JOIN (
          SELECT
            `t47`.`patient_id`,
            BOOL_OR(`t47`.`value` < 0.5) AS `anc_low_near`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t33`.`patient_id`,
                `t33`.`day`,
                `t33`.`value`,
                `t43`.`cutoff`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    `t20`.`patient_id`,
                    `t20`.`day`,
                    COALESCE(
                      `t20`.`anc`,
                      (
                        `t20`.`wbc` * (
                          `t20`.`seg` + COALESCE(`t20`.`bands`, 0.0)
                        )
                      ) / 100.0
                    ) AS `value`
                  FROM (
                    SELECT
                      `t9`.`patient_id`,
                      `t9`.`day`,
                      MIN(IF(`t9`.`analyte` = 'anc', IF(`t9`.`qualifier` = '<', 0.0, `t9`.`value`), NULL)) AS `anc`,
                      MIN(IF(`t9`.`analyte` = 'wbc', IF(`t9`.`qualifier` = '<', 0.0, `t9`.`value`), NULL)) AS `wbc`,
                      MIN(
                        IF(`t9`.`analyte` = 'neut_pct', IF(`t9`.`qualifier` = '<', 0.0, `t9`.`value`), NULL)
                      ) AS `seg`,
                      MAX(
                        IF(`t9`.`analyte` = 'bands_pct', IF(`t9`.`qualifier` = '<', 0.0, `t9`.`value`), NULL)
                      ) AS `bands`
                    FROM (
                      SELECT
                        *
                      FROM `labs` AS `t1`
                      WHERE
                        `t1`.`analyte` IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND `t1`.`day` >= 0
                    ) AS `t9`
                    GROUP BY
                      1,
                      2
                  ) AS `t20`
                ) AS `t29`
                WHERE
                  `t29`.`value` IS NOT NULL AND NOT ISNAN(`t29`.`value`)
              ) AS `t33`
              INNER JOIN `t40` AS `t43`
                ON `t33`.`patient_id` = `t43`.`patient_id`
            ) AS `t45`
            WHERE
              `t45`.`day` BETWEEN `t45`.`cutoff` - 7 AND `t45`.`cutoff`
          ) AS `t47`
          GROUP BY
            1
        ) AS `t51`
          ON `t42`.`patient_id` = `t51`.`patient_id`
      ) AS `t52`
    ) AS `t54`
    LEFT OUTER JOIN (
      SELECT
        `t46`.`patient_id`,
        BOOL_OR(`t46`.`low`) AS `platelets_low_near`,
        COUNT(`t46`.`day`) > 0 AS `platelets_seen_near`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t27`.`patient_id`,
            `t27`.`day`,
            `t27`.`low`,
            `t43`.`cutoff`
          FROM (
            SELECT
              *
            FROM (
              SELECT
                `t19`.`patient_id`,
                CAST(`t19`.`day` AS BIGINT) AS `day`,
                `t19`.`value` < 20.0 AS `low`
              FROM (
                SELECT
                  `t8`.`patient_id`,
                  `t8`.`day`,
                  MIN(IF(`t8`.`qualifier` = '<', 0.0, `t8`.`value`)) AS `value`
                FROM (
                  SELECT
                    *
                  FROM `labs` AS `t1`
                  WHERE
                    `t1`.`analyte` = 'plt' AND `t1`.`day` >= 0
                ) AS `t8`
                GROUP BY
                  1,
                  2
              ) AS `t19`
            ) AS `t25`
            UNION ALL
            SELECT
              *
            FROM (
              SELECT
                `t0`.`patient_id`,
                CAST(`t0`.`day` AS BIGINT) AS `day`,
                TRUE AS `low`
              FROM `transfusions` AS `t0`
              WHERE
                `t0`.`product` = 'platelets'
            ) AS `t6`
          ) AS `t27`
          INNER JOIN `t40` AS `t43`
            ON `t27`.`patient_id` = `t43`.`patient_id`
        ) AS `t44`
        WHERE
          `t44`.`day` BETWEEN `t44`.`cutoff` - 7 AND `t44`.`cutoff` + 7
      ) AS `t46`
      GROUP BY
        1
    ) AS `t50`
      ON `t54`.`patient_id` = `t50`.`patient_id`
  ) AS `t55`
) AS `t56`
